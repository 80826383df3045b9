-- Cancel before the start. 1 ok, 0 unknown, -1 started or already cancelled.
if redis.call('EXISTS', KEYS[1]) == 0 then
  return 0
end
if redis.call('HGET', KEYS[1], 'cancelled') == '1' or now_ms() >= num(KEYS[1], 'startsAt') then
  return -1
end
redis.call('HSET', KEYS[1], 'cancelled', 1)
return 1
