-- A paying hold's payment intent, for the payment reconciler: stored on the hold record, and the hold listed
-- in KEYS[9] (hold id -> when first recorded, ms).
-- ARGV: buyer, hold id, checkout key, intent id. 1 | 0 (not paying under that key) | {'err', code}
local rec, answer = own_hold(ARGV[1], ARGV[2], ARGV[3], 'sold')
if not rec then
  if answer[1] == 'err' then
    return answer
  end
  return 0
end
if rec.st ~= 'paying' or rec.ck ~= ARGV[3] then
  return 0
end
if rec.pi ~= ARGV[4] then
  rec.pi = ARGV[4]
  redis.call('HSET', KEYS[3], ARGV[2], cjson.encode(rec))
end
redis.call('ZADD', KEYS[9], 'NX', now_ms(), ARGV[2])
return 1
