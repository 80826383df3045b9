-- Holds whose intent was recorded before ARGV[1] (ms) and not yet sold or forgotten, oldest first; sold ones
-- leave KEYS[9] here. ARGV: before ms, max. {hold id, intent id, state, ...}
local ids = redis.call('ZRANGEBYSCORE', KEYS[9], '-inf', '(' .. ARGV[1], 'LIMIT', 0, tonumber(ARGV[2]))
local out = {}
for _, id in ipairs(ids) do
  local raw = redis.call('HGET', KEYS[3], id)
  local rec = raw and cjson.decode(raw)
  if rec and rec.pi and rec.st ~= 'sold' then
    table.insert(out, id)
    table.insert(out, rec.pi)
    table.insert(out, rec.st)
  else
    redis.call('ZREM', KEYS[9], id)
  end
end
return out
