-- Searches that differ: two words from the generator's vocabulary (English or Chinese) and a random
-- start day in 2018, so nearly every request misses the answer cache and is computed. Each wrk thread
-- draws its own sequence (seeded by its number), so two threads never ask the same searches in step;
-- `-- warm-up` (or any other word after the URL) gives other sequences again, so that a warm-up run
-- leaves nothing in the answer cache that the measured run will ask.
local en = {"Taiwan","Taipei","Beijing","president","government","election","trade","chip","military","drill","strait",
  "security","typhoon","vaccine","market","protest","court","vote","sanction","diplomacy","summit","budget","energy"}
local zh = {"臺灣","台北","北京","總統","政府","選舉","貿易","晶片","軍事","演習","海峽","安全","颱風","疫苗","市場","抗議","兩岸","外交"}
local function enc(s) return (s:gsub("[^%w]", function(c) return string.format("%%%02X", string.byte(c)) end)) end

local threads = 0
function setup(thread)
  threads = threads + 1
  thread:set("number", threads)
end

function init(args)
  local salt = 0
  for i = 1, #(args[1] or "") do salt = salt * 31 + string.byte(args[1], i) end
  math.randomseed(42 + 7919 * (number or 1) + salt % 1000003)
end

request = function()
  local list = (math.random() < 0.5) and en or zh
  local q = list[math.random(#list)] .. " " .. list[math.random(#list)]
  local day = string.format("2018-%02d-%02d", math.random(1, 6), math.random(1, 28))
  return wrk.format("GET", "/api/v1/search?q=" .. enc(q) .. "&from=" .. day .. "&to=2018-12-31&size=20")
end
