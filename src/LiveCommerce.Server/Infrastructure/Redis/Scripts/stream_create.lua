-- Creates a stream unless it exists.
-- KEYS[1] stream hash; ARGV[1] details json, ARGV[2] initial status
if redis.call('EXISTS', KEYS[1]) == 1 then
  return 0
end
redis.call('HSET', KEYS[1], 'json', ARGV[1], 'status', ARGV[2])
return 1
