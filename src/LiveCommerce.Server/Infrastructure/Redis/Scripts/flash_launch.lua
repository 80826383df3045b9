-- A host starts a scheduled sale now, keeping its duration. ARGV: durationMs.
-- Returns {startsAt, endsAt}, 0 unknown, -1 started or cancelled.
if redis.call('EXISTS', KEYS[1]) == 0 then
  return 0
end
local now = now_ms()
if redis.call('HGET', KEYS[1], 'cancelled') == '1' or now >= num(KEYS[1], 'startsAt') then
  return -1
end
local ends = now + tonumber(ARGV[1])
redis.call('HSET', KEYS[1], 'startsAt', now, 'endsAt', ends)
return { now, ends }
