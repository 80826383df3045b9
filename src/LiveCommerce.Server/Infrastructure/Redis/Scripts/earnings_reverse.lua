-- Subtracts what an order added, exactly once. KEYS[1] applied hash, KEYS[2] reversed hash (set),
-- KEYS[3..] buckets. ARGV[1] order id, then triples (bucket index, field, negated delta) made by the
-- caller from the applied record (immutable once written; negated in .NET, as Lua would print -0 or
-- floats). -1: order not applied yet; 0: already reversed.
if redis.call('HEXISTS', KEYS[1], ARGV[1]) == 0 then
  return -1
end
if redis.call('HSETNX', KEYS[2], ARGV[1], 1) == 0 then
  return 0
end
for i = 2, #ARGV, 3 do
  redis.call('HINCRBY', KEYS[tonumber(ARGV[i])], ARGV[i + 1], ARGV[i + 2])
end
return 1
