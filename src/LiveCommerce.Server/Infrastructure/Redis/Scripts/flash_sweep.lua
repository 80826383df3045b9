-- Expired holds give their units back exactly once: ZREM decides, inside this script, whichever node runs it.
-- ARGV: sale id, max holds. {units returned, stock, grants...}
local now = now_ms()
local ids = redis.call('ZRANGEBYSCORE', KEYS[2], '-inf', now, 'LIMIT', 0, tonumber(ARGV[2]))
local units = 0
for _, id in ipairs(ids) do
  redis.call('ZREM', KEYS[2], id)
  local raw = redis.call('HGET', KEYS[3], id)
  if raw then
    local rec = cjson.decode(raw)
    if rec.st == 'held' or rec.st == 'paying' then
      return_units(rec)
      units = units + rec.q
      rec.st = 'expired'
      redis.call('HSET', KEYS[3], id, cjson.encode(rec))
    end
  end
end
local result = { units, 0 }
if units > 0 then
  for _, g in ipairs(handoff(ARGV[1], now)) do
    table.insert(result, g)
  end
end
result[2] = num(KEYS[1], 'stock')
return result
