-- ARGV: json, kind, qty, limit, holdMs, startsAt ('now' = Redis clock), endsAt. Returns 1, or 0 if the id exists.
if redis.call('EXISTS', KEYS[1]) == 1 then
  return 0
end
local starts = ARGV[6]
if starts == 'now' then
  starts = now_ms()
end
redis.call('HSET', KEYS[1], 'json', ARGV[1], 'kind', ARGV[2], 'qty', ARGV[3], 'stock', ARGV[3], 'sold', 0, 'held', 0,
  'limit', ARGV[4], 'holdMs', ARGV[5], 'startsAt', starts, 'endsAt', ARGV[7], 'cancelled', 0, 'nexthold', 0)
return 1
