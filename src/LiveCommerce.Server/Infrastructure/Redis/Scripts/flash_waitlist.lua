-- ARGV: buyer, stream id. Position (1-based) | {'err', code}. Joining twice keeps the first place.
if redis.call('EXISTS', KEYS[1]) == 0 then
  return { 'err', 'sale_not_found' }
end
if not is_live(now_ms()) then
  return { 'err', 'sale_not_live' }
end
if num(KEYS[1], 'stock') > 0 then
  return { 'err', 'not_sold_out' }
end
if num(KEYS[4], ARGV[1]) >= num(KEYS[1], 'limit') then
  return { 'err', 'limit_reached' }
end
if redis.call('HSETNX', KEYS[8], ARGV[1], ARGV[2]) == 0 then
  return (redis.call('LPOS', KEYS[6], ARGV[1]) or 0) + 1
end
return redis.call('RPUSH', KEYS[6], ARGV[1])
