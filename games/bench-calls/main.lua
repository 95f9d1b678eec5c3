-- Micro benchmark: CPU time per call of the hottest love.graphics functions (10,000
-- calls each, best of 55 frames). Runs unchanged in LÖVE 11.4 (love games/bench-calls).
--   engine run --headless games/bench-calls
local N = 10000
local IMG, QUAD, SB
local frames = 0
local best = {}
local words = { "score", "lives", "level", "time", "ammo", "hp", "mp", "gold" }
local cases = {
  {"getColor", function() local f = love.graphics.getColor for i = 1, N do f() end end},
  {"setColor", function() local f = love.graphics.setColor for i = 1, N do f(1, 0.5, 0.25, 1) end end},
  {"rectangle", function() local f = love.graphics.rectangle for i = 1, N do f("fill", i % 800, 10, 8, 8) end end},
  {"circle", function() local f = love.graphics.circle for i = 1, N do f("fill", i % 800, 10, 3) end end},
  {"print", function() local f = love.graphics.print for i = 1, N do f(words[i % 8 + 1], i % 800, 10) end end},
  {"printnum", function() local f = love.graphics.print for i = 1, N do f(i * 7, i % 800, 10) end end},
  {"draw", function() local f = love.graphics.draw for i = 1, N do f(IMG, i % 800, 10, 0.5) end end},
  {"drawquad", function() local f = love.graphics.draw for i = 1, N do f(IMG, QUAD, i % 800, 10, 0.5) end end},
  {"push/translate/rotate/pop", function()
    local g = love.graphics
    for i = 1, N do g.push() g.translate(i % 800, 10) g.rotate(0.5) g.pop() end
  end},
  {"sb:add", function() SB:clear() for i = 1, N do SB:add(i % 800, 10, 0.5) end end},
}
function love.load()
  IMG = love.graphics.newImage(love.image.newImageData(4, 4))
  QUAD = love.graphics.newQuad(0, 0, 2, 2, 4, 4)
  SB = love.graphics.newSpriteBatch(IMG, N)
end
function love.draw()
  for _, c in ipairs(cases) do
    local t0 = love.timer.getTime()
    c[2]()
    local dt = love.timer.getTime() - t0
    if frames >= 5 then best[c[1]] = math.min(best[c[1]] or 1e9, dt) end
  end
  frames = frames + 1
  if frames == 60 then
    for _, c in ipairs(cases) do
      print(("%-26s %6.1f ns/call (best frame)"):format(c[1], best[c[1]] / N * 1e9))
    end
    love.event.quit()
  end
end
