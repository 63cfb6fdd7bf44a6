-- Searches that differ: two words from the generator's vocabulary (English or Chinese) and a random
-- start day in 2018, so nearly every request misses the answer cache and is computed.
local en = {"Taiwan","Taipei","Beijing","president","government","election","trade","chip","military","drill","strait",
  "security","typhoon","vaccine","market","protest","court","vote","sanction","diplomacy","summit","budget","energy"}
local zh = {"臺灣","台北","北京","總統","政府","選舉","貿易","晶片","軍事","演習","海峽","安全","颱風","疫苗","市場","抗議","兩岸","外交"}
local function enc(s) return (s:gsub("[^%w]", function(c) return string.format("%%%02X", string.byte(c)) end)) end
math.randomseed(42)
request = function()
  local list = (math.random() < 0.5) and en or zh
  local q = list[math.random(#list)] .. " " .. list[math.random(#list)]
  local day = string.format("2018-%02d-%02d", math.random(1, 6), math.random(1, 28))
  return wrk.format("GET", "/api/v1/search?q=" .. enc(q) .. "&from=" .. day .. "&to=2018-12-31&size=20")
end
