# English dates as the site has always written them ("6 December 2026"), not Django's
# American default ("Dec. 6, 2026"). Dutch and German use Django's own formats ("6 december
# 2026", "6. Dezember 2026"): pages format dates as DATE_FORMAT, never a fixed pattern.
DATE_FORMAT = "j F Y"
DATETIME_FORMAT = "j F Y, H:i"
