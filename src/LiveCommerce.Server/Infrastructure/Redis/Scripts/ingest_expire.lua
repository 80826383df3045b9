-- The reconnect deadline passed with nobody publishing: the stream's ingest ends, for exactly one caller.
-- KEYS[1] ingest hash; ARGV[1] now (ms).
local deadline = redis.call('HGET', KEYS[1], 'until')
if not deadline or tonumber(deadline) > tonumber(ARGV[1]) or redis.call('HEXISTS', KEYS[1], 'publisher') == 1 then
  return 0
end
redis.call('HDEL', KEYS[1], 'until')
redis.call('HSET', KEYS[1], 'ended', '1')
return 1
