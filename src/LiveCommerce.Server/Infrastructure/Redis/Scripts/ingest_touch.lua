-- The engine still sees this encoder: renew its lease. KEYS[1] ingest hash; ARGV[1] publisher, ARGV[2] now (ms).
if redis.call('HGET', KEYS[1], 'publisher') ~= ARGV[1] then
  return 0
end
redis.call('HSET', KEYS[1], 'seen', ARGV[2])
return 1
