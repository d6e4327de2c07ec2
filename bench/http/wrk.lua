-- wrk script for bench/http -listen: each request is the next path of a
-- file written by -urls (one path a line), starting at a random line per
-- thread, with gzip accepted as browsers do.
--
--   wrk -t2 -c8 -d20s --latency -s bench/http/wrk.lua http://127.0.0.1:8089 -- /tmp/urls/offer.txt
local paths = {}
local i = 0

function init(args)
  local file = args[1] or error("wrk.lua: give the path file after --")
  for line in io.lines(file) do
    paths[#paths + 1] = line
  end
  if #paths == 0 then
    error("wrk.lua: no paths in " .. file)
  end
  math.randomseed(os.time() + tonumber(tostring({}):sub(8), 16))
  i = math.random(#paths)
end

function request()
  i = i % #paths + 1
  return wrk.format("GET", paths[i], { ["Accept-Encoding"] = "gzip" })
end
