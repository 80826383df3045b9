-- Pins a product unless it is pinned already or the stream is at its limit.
-- KEYS[1] pins hash; ARGV[1] product id, ARGV[2] pin json, ARGV[3] max pins. Returns 1 pinned, 0 already, -1 full.
if redis.call('HEXISTS', KEYS[1], ARGV[1]) == 1 then
  return 0
end
if redis.call('HLEN', KEYS[1]) >= tonumber(ARGV[3]) then
  return -1
end
redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
return 1
