"""A throwaway WordPress on loopback, from Debian's packages, as a teacher's blog.

    wordpress = start_wordpress(app="http://localhost:8302")
    permalink = wordpress.post("http://localhost:8302/embed/compare/")
    ...
    wordpress.remove()

Debian's `wordpress` (6.1) with its Twenty Twenty-Three theme, on its own MariaDB
(`mariadb-server-core`: the server binary without the system service; a datadir and a
socket in a temporary directory, no TCP port, run as `mysql`, or `nobody` where that user
does not exist, when we are root) and PHP's built-in server on 127.0.0.1.

Debian's package reads its configuration from /etc/wordpress/config-<host>.php; rather
than write there, we copy /usr/share/wordpress into the temporary directory (59 MB, a
fraction of a second) and put our own `wp-config.php` in the copy.

WordPress's oEmbed is left as shipped, with one exception a test bench needs, as in the
educators' review (shared/review/2026-12/educator-review.md): a must-use plugin lets its
safe HTTP client reach the app under test, whose host is a loopback address and whose port
is not 80, 443 or 8080 (both refused otherwise). `WP_HTTP_BLOCK_EXTERNAL` is on, so
WordPress asks nobody else for anything.
"""

from __future__ import annotations

import contextlib
import json
import os
import pwd
import secrets
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from tests.services import free_port, wait_for

SOURCE = Path("/usr/share/wordpress")
THEME = "twentytwentythree"
PACKAGES = "wordpress wordpress-theme-twentytwentythree mariadb-server-core php-cli"

CONFIG = """<?php
// A throwaway site for the test suite (tests/wordpress.py): not Debian's
// /etc/wordpress/config-<host>.php mechanism, so nothing outside this directory is read.
define('DB_NAME', 'wordpress');
define('DB_USER', 'root');
define('DB_PASSWORD', '');
define('DB_HOST', 'localhost:{socket}');
define('DB_CHARSET', 'utf8mb4');
define('DB_COLLATE', '');
{salts}
$table_prefix = 'wp_';
define('WP_HOME', '{url}');
define('WP_SITEURL', '{url}');
define('WP_HTTP_BLOCK_EXTERNAL', true);
define('AUTOMATIC_UPDATER_DISABLED', true);
define('WP_AUTO_UPDATE_CORE', false);
// WP-Cron would make PHP's one-request-at-a-time server call itself on page views.
define('DISABLE_WP_CRON', true);
define('WP_DEBUG', false);
if (!defined('ABSPATH')) {{
    define('ABSPATH', __DIR__ . '/');
}}
require_once ABSPATH . 'wp-settings.php';
"""

SALTS = ("AUTH_KEY", "SECURE_AUTH_KEY", "LOGGED_IN_KEY", "NONCE_KEY", "AUTH_SALT",
         "SECURE_AUTH_SALT", "LOGGED_IN_SALT", "NONCE_SALT")

# The one change to WordPress, for this bench only: its safe HTTP client
# (wp_http_validate_url) refuses loopback hosts, and ports other than 80, 443 and 8080.
MU_PLUGIN = """<?php
/*
 * Plugin Name: Test bench: reach the app under test
 * Description: Lets the safe HTTP client fetch {host}:{port} (loopback, odd port).
 */
add_filter('http_request_host_is_external', function ($external, $host) {{
    return $external || strtolower($host) === '{host}';
}}, 10, 2);
add_filter('http_allowed_safe_ports', function ($ports, $host) {{
    if (strtolower($host) === '{host}') {{
        $ports[] = {port};
    }}
    return $ports;
}}, 10, 2);
"""

# Command-line scripts, kept outside the document root. Each loads WordPress as a request
# to the site would.
BOOT = """<?php
$_SERVER['HTTP_HOST'] = '{netloc}';
$_SERVER['SERVER_NAME'] = '127.0.0.1';
$_SERVER['REQUEST_URI'] = '/';
$_SERVER['REQUEST_METHOD'] = 'GET';
"""

INSTALL = """
define('WP_INSTALLING', true);
require '{site}/wp-load.php';
require_once ABSPATH . 'wp-admin/includes/upgrade.php';
add_filter('pre_wp_mail', '__return_false');  // no mail server: say nothing to anyone
$result = wp_install('Week 3: credit systems', 'teacher', 'teacher@example.org', true, '',
                     wp_generate_password(24));
switch_theme('{theme}');
// No sample post or page: the only posts are the tests'.
foreach (get_posts(['post_type' => ['post', 'page'], 'post_status' => 'any']) as $p) {{
    wp_delete_post($p->ID, true);
}}
echo json_encode(['user' => $result['user_id'], 'theme' => get_stylesheet(),
                  'version' => $GLOBALS['wp_version']]);
"""

# What the block editor stores when a teacher pastes a URL into an Embed block: it asks
# WordPress's oEmbed proxy for a preview (as the editor does) and takes the block's type
# and provider from it, as Gutenberg's getAttributesFromPreview does. The generic Embed
# block is not "responsive" (no aspect-ratio classes), so the markup is the same for
# every provider but these names. The front end then embeds the URL on its own line.
POST = """
require '{site}/wp-load.php';
wp_set_current_user({user});
$url = $argv[1];
$title = $argv[2];
$request = new WP_REST_Request('GET', '/oembed/1.0/proxy');
$request->set_query_params(['url' => $url]);
$response = rest_do_request($request);
$attributes = ['url' => $url];
$classes = ['wp-block-embed'];
$preview = $response->is_error() ? null : (object) $response->get_data();
if ($preview && !empty($preview->html)) {{
    $type = strpos($preview->html, 'class="wp-embedded-content"') !== false
        ? 'wp-embed' : ($preview->type ?? 'rich');
    $name = strtolower($preview->provider_name ?? $preview->title ?? '');
    $name = str_replace(["'", "\\u{{2019}}"], '', $name);  // lodash's kebabCase drops them
    $slug = trim(preg_replace('/[^a-z0-9]+/', '-', $name), '-');
    $attributes += ['type' => $type, 'providerNameSlug' => $slug];
    array_push($classes, "is-type-$type", "is-provider-$slug", "wp-block-embed-$slug");
}}
$content = '<!-- wp:embed ' . wp_json_encode($attributes, JSON_UNESCAPED_SLASHES) . ' -->' . "\\n"
    . '<figure class="' . implode(' ', $classes) . '"><div class="wp-block-embed__wrapper">'
    . "\\n" . $url . "\\n" . '</div></figure>' . "\\n" . '<!-- /wp:embed -->';
$id = wp_insert_post(['post_title' => $title, 'post_content' => $content,
                      'post_status' => 'publish', 'post_author' => {user}], true);
if (is_wp_error($id)) {{
    fwrite(STDERR, $id->get_error_message());
    exit(1);
}}
echo json_encode(['permalink' => get_permalink($id), 'id' => $id,
                  'preview' => $preview ? 'ok' : $response->as_error()->get_error_message()]);
"""


def db_user() -> str | None:
    """Who runs MariaDB when we are root (it refuses to run as root unless told to)."""
    if os.geteuid() != 0:
        return None
    for name in ("mysql", "nobody"):
        with contextlib.suppress(KeyError):
            pwd.getpwnam(name)
            return name
    raise RuntimeError("no user to run MariaDB as (mysql or nobody)")


def missing() -> str | None:
    """Why WordPress cannot start here, or None."""
    needed = {"WordPress": SOURCE / "wp-settings.php", "its theme": SOURCE / "wp-content"
              / "themes" / THEME, "MariaDB": Path("/usr/sbin/mariadbd"),
              "PHP": Path("/usr/bin/php")}
    absent = [name for name, path in needed.items() if not path.exists()]
    if absent:
        return (f"{', '.join(absent)} not installed: "
                f"scripts/system-packages {PACKAGES}")
    return None


def until_we_die(*credentials: str) -> list[str]:
    """A command prefix: the server gets SIGTERM when the process that started it dies, so
    a test run that is killed (and runs no fixture's teardown) leaves no server behind.
    setpriv (util-linux) sets it after switching to `credentials`, which would clear it."""
    return ["setpriv", "--pdeathsig", "TERM", *credentials, "--"]


def stop_group(process: subprocess.Popen, seconds: float = 10) -> None:
    """Stop a process and what it started (its own session: PHP's server workers)."""
    if process.poll() is not None:
        return
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(seconds)
    except subprocess.TimeoutExpired:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        process.wait()


@dataclass
class WordPress:
    directory: Path
    app: str
    url: str = ""
    user: int = 1
    processes: list[subprocess.Popen] = field(default_factory=list)
    seconds: float = 0.0  # how long starting took

    @property
    def site(self) -> Path:
        return self.directory / "site"

    @property
    def socket(self) -> Path:
        return self.directory / "db" / "mysql.sock"

    def php(self, name: str, code: str, *args: str) -> dict:
        script = self.directory / "cli" / f"{name}.php"
        script.parent.mkdir(exist_ok=True)
        boot = BOOT.format(netloc=urlsplit(self.url).netloc)
        script.write_text(boot + code.format(site=self.site, theme=THEME, user=self.user))
        result = subprocess.run(["php", str(script), *args], cwd=self.site,
                                capture_output=True, text=True, timeout=120)
        if result.returncode != 0:
            raise RuntimeError(f"{name}.php failed:\n{result.stdout}\n{result.stderr}")
        # PHP notices may precede the JSON on the last line.
        return json.loads(result.stdout.strip().splitlines()[-1])

    def post(self, url: str, title: str = "This week's simulation") -> str:
        """Publish a post holding only `url` pasted into an Embed block; its permalink."""
        return self.php("post", POST, url, title)["permalink"]

    def start_database(self) -> None:
        directory = self.socket.parent
        directory.mkdir()
        user = db_user()
        if user:
            entry = pwd.getpwnam(user)
            os.chown(directory, entry.pw_uid, entry.pw_gid)
        subprocess.run(
            ["mariadb-install-db", "--no-defaults", f"--datadir={directory / 'data'}",
             "--auth-root-authentication-method=normal", "--skip-test-db",
             "--skip-name-resolve", *([f"--user={user}"] if user else [])],
            check=True, capture_output=True, timeout=120)
        log = open(directory / "server.log", "wb")  # noqa: SIM115 (the process holds it)
        as_user = ([f"--reuid={entry.pw_uid}", f"--regid={entry.pw_gid}", "--clear-groups"]
                   if user else [])
        self.processes.append(subprocess.Popen(
            [*until_we_die(*as_user), "mariadbd", "--no-defaults",
             f"--datadir={directory / 'data'}", f"--socket={self.socket}", "--skip-networking",
             "--skip-log-bin", f"--pid-file={directory / 'mariadbd.pid'}",
             "--innodb-flush-log-at-trx-commit=0", "--innodb-buffer-pool-size=32M"],
            stdout=log, stderr=subprocess.STDOUT, start_new_session=True))
        log.close()
        deadline = time.monotonic() + 60
        while True:
            with contextlib.suppress(OSError), socket.socket(socket.AF_UNIX) as sock:
                sock.connect(str(self.socket))
                break
            if self.processes[-1].poll() is not None or time.monotonic() > deadline:
                raise RuntimeError((directory / "server.log").read_text(errors="replace"))
            time.sleep(0.1)
        subprocess.run(["mariadb", "--no-defaults", f"--socket={self.socket}", "-uroot",
                        "-e", "CREATE DATABASE wordpress CHARACTER SET utf8mb4"],
                       check=True, capture_output=True, timeout=60)

    def install(self) -> None:
        shutil.copytree(SOURCE, self.site, symlinks=True)
        salts = "\n".join(f"define('{name}', '{secrets.token_hex(32)}');" for name in SALTS)
        (self.site / "wp-config.php").write_text(
            CONFIG.format(socket=self.socket, salts=salts, url=self.url))
        app = urlsplit(self.app)
        plugins = self.site / "wp-content" / "mu-plugins"
        plugins.mkdir()
        (plugins / "test-bench-reach-app.php").write_text(
            MU_PLUGIN.format(host=app.hostname.lower(), port=app.port or 80))
        installed = self.php("install", INSTALL)
        if installed["theme"] != THEME:
            raise RuntimeError(f"the theme is {installed['theme']}, not {THEME}")
        self.user = installed["user"]

    def serve(self, port: int) -> None:
        log = open(self.directory / "php.log", "wb")  # noqa: SIM115 (the process holds it)
        # One process (no PHP_CLI_SERVER_WORKERS), so that `until_we_die` covers it all:
        # workers outlive a server that is killed.
        self.processes.append(subprocess.Popen(
            [*until_we_die(), "php", "-S", f"127.0.0.1:{port}", "-t", str(self.site)],
            cwd=self.site, stdout=log, stderr=subprocess.STDOUT, start_new_session=True))
        log.close()
        wait_for(port)

    def remove(self) -> None:
        for process in reversed(self.processes):
            stop_group(process)
        self.processes.clear()
        shutil.rmtree(self.directory, ignore_errors=True)


def start_wordpress(app: str) -> WordPress:
    """A WordPress whose oEmbed may fetch from `app` (a base URL such as
    http://localhost:8302). Removes what it started if it fails."""
    problem = missing()
    if problem:
        raise RuntimeError(problem)
    started = time.monotonic()
    directory = Path(tempfile.mkdtemp(prefix="wp-"))
    directory.chmod(0o755)  # MariaDB's user reaches its own directory inside
    port = free_port()
    wordpress = WordPress(directory, app.rstrip("/"), url=f"http://127.0.0.1:{port}")
    try:
        wordpress.start_database()
        wordpress.install()
        wordpress.serve(port)
    except BaseException:
        wordpress.remove()
        raise
    wordpress.seconds = time.monotonic() - started
    return wordpress
