-- A Regular sale takes its product's new list price: only the details json changes; stock and holds stay.
-- KEYS[1]: the sale hash. ARGV: the sale's json. 1, or 0 when unknown or not Regular.
if redis.call('HGET', KEYS[1], 'kind') ~= 'Regular' then
  return 0
end
redis.call('HSET', KEYS[1], 'json', ARGV[1])
return 1
