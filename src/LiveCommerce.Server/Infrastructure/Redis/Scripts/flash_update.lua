-- Edit before the start. ARGV: json, qty, limit, holdMs, startsAt, endsAt. 1 ok, 0 unknown, -1 started or cancelled.
if redis.call('EXISTS', KEYS[1]) == 0 then
  return 0
end
if redis.call('HGET', KEYS[1], 'cancelled') == '1' or now_ms() >= num(KEYS[1], 'startsAt') then
  return -1
end
local committed = num(KEYS[1], 'sold') + num(KEYS[1], 'held')
redis.call('HSET', KEYS[1], 'json', ARGV[1], 'qty', ARGV[2], 'stock', tonumber(ARGV[2]) - committed, 'limit', ARGV[3],
  'holdMs', ARGV[4], 'startsAt', ARGV[5], 'endsAt', ARGV[6])
return 1
