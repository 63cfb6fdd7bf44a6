-- KPI requests over many different periods (every month, quarter and year 2015-2020, and ranges),
-- so many miss the answer cache. Each wrk thread draws its own sequence (seeded by its number);
-- a word after the URL (`-- soak`) gives other sequences again.
local threads = 0
function setup(thread)
  threads = threads + 1
  thread:set("number", threads)
end

function init(args)
  local salt = 0
  for i = 1, #(args[1] or "") do salt = salt * 31 + string.byte(args[1], i) end
  math.randomseed(7 + 7919 * (number or 1) + salt % 1000003)
end

request = function()
  local r = math.random()
  local y = math.random(2015, 2020)
  local path
  if r < 0.3 then path = "/api/v1/kpi?year=" .. y
  elseif r < 0.6 then path = "/api/v1/kpi?quarter=" .. y .. "Q" .. math.random(1, 4)
  elseif r < 0.9 then path = string.format("/api/v1/kpi?month=%d-%02d", y, math.random(1, 12))
  else path = string.format("/api/v1/kpi?from=%d-%02d-%02d&to=%d-12-31", y, math.random(1, 12), math.random(1, 28), y) end
  return wrk.format("GET", path)
end
