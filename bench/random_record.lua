-- Every request a record never seen before: random values for every parameter, as the
-- htmx results partial asks for them. Loaded with the report functions.
dofile(os.getenv("REPORT_LUA"))
local choices = {
  court_judgment = {"none", "paid", "refused"}, shopping = {"none", "light", "heavy"},
  profile = {"bare", "complete"}, assets = {"none", "car", "home"},
  contacts = {"low", "average", "high"}, residence = {"elsewhere", "rongcheng", "suining"},
}
local counts = {loan_arrears = 12, late_bills = 12, traffic_tickets = 10, drunk_driving = 1,
  jaywalking = 20, volunteering = 50, blood_donation = 5, heroic_deed = 1, commendation = 1,
  neglects_parents = 1, flight_disruption = 1, counterfeits = 1, rude_to_strangers = 10,
  opted_in = 1}
local path = os.getenv("RECORD_PATH") or "/en/misconceptions/one-system/"
local counter = 0

setup = function(thread) thread:set("id", tostring(math.random(1, 1e9))) end
init = function(args) math.randomseed(tonumber(id) or os.time()) end

request = function()
  counter = counter + 1
  local parts = {}
  for name, values in pairs(choices) do
    parts[#parts + 1] = name .. "=" .. values[math.random(#values)]
  end
  for name, max in pairs(counts) do
    parts[#parts + 1] = name .. "=" .. math.random(0, max)
  end
  wrk.headers["HX-Request"] = "true"
  wrk.headers["HX-Target"] = "results"
  wrk.headers["Accept-Encoding"] = "br, gzip"
  return wrk.format("GET", path .. "?" .. table.concat(parts, "&"))
end
