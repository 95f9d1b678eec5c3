-- Frame benchmark scene: N small alpha-blended rectangles a frame (default 10,000),
-- all with the same state, so they batch into one draw call.
-- engine run --headless --stats --frames 300 games/bench-rects [N]
local n = 10000
local rects = {}

function love.load(args)
    n = tonumber(args[1]) or n
    math.randomseed(1)
    for i = 1, n do
        rects[i] = { math.random() * 790, math.random() * 590, math.random(), math.random(), math.random() }
    end
end

local t = 0
function love.update(dt) t = t + dt end

function love.draw()
    local s = math.sin(t) * 5
    for i = 1, n do
        local r = rects[i]
        love.graphics.setColor(r[3], r[4], r[5], 0.8)
        love.graphics.rectangle("fill", r[1] + s, r[2], 8, 8)
    end
end
