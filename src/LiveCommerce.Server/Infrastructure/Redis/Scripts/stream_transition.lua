-- Compare-and-set of a stream's status, stamping when it happened.
-- KEYS[1] stream hash; ARGV[1] expected status, ARGV[2] new status, ARGV[3] timestamp field, ARGV[4] timestamp
if redis.call('HGET', KEYS[1], 'status') ~= ARGV[1] then
  return 0
end
redis.call('HSET', KEYS[1], 'status', ARGV[2], ARGV[3], ARGV[4])
return 1
