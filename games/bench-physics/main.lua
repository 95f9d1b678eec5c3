-- Physics benchmark scene: times World:update (fixed 1/60 s steps) with os.clock.
--   engine run --headless --frames 400 games/bench-physics [circles|boxes] [N] [STEPS] [cb]
-- (cb: with beginContact/endContact/preSolve/postSolve callbacks set, each counting calls)
-- circles: N balls (default 1000) dropped into a box; boxes: N boxes (default 200) stacking
-- into columns. After STEPS updates (default 300) it prints the mean and worst ms per
-- update and quits. The same folder runs in LÖVE 11.4 (`love games/bench-physics circles`).
local mode, n, steps = "circles", nil, 300
local world, bodies, times, step = nil, {}, {}, 0

local function wall(x, y, w, h)
    local b = love.physics.newBody(world, x, y, "static")
    love.physics.newFixture(b, love.physics.newRectangleShape(w, h))
end

function love.load(args)
    mode = args[1] or mode
    n = tonumber(args[2]) or (mode == "boxes" and 200 or 1000)
    steps = tonumber(args[3]) or steps
    world = love.physics.newWorld(0, 9.81 * 30, true)
    if args[4] == "cb" then
        local calls = 0
        local function count() calls = calls + 1 end
        world:setCallbacks(count, count, count, count)
    end
    wall(400, 590, 800, 20)
    wall(10, 300, 20, 600)
    wall(790, 300, 20, 600)
    math.randomseed(1)
    for i = 1, n do
        local b
        if mode == "boxes" then
            local col, row = (i - 1) % 20, math.floor((i - 1) / 20)
            b = love.physics.newBody(world, 60 + col * 36, 565 - row * 24, "dynamic")
            love.physics.newFixture(b, love.physics.newRectangleShape(22, 22), 1)
        else
            local col, row = (i - 1) % 50, math.floor((i - 1) / 50)
            b = love.physics.newBody(world, 40 + col * 14 + math.random() * 2, 560 - row * 14, "dynamic")
            love.physics.newFixture(b, love.physics.newCircleShape(6), 1)
        end
        bodies[#bodies + 1] = b
    end
end

function love.update()
    local t0 = os.clock()
    world:update(1 / 60)
    times[#times + 1] = (os.clock() - t0) * 1000
    step = step + 1
    if step == steps then
        local sum, worst = 0, 0
        for _, t in ipairs(times) do sum = sum + t; worst = math.max(worst, t) end
        print(string.format("bench-physics %s n=%d steps=%d: %.3f ms/update mean, %.3f ms worst, %d contacts",
            mode .. (world:getCallbacks() and "+callbacks" or ""), n, steps, sum / #times, worst, world:getContactCount()))
        love.event.quit()
    end
end

function love.draw()
    love.graphics.setColor(0.9, 0.7, 0.3)
    for _, b in ipairs(bodies) do
        local x, y = b:getPosition()
        love.graphics.rectangle("fill", x - 5, y - 5, 10, 10)
    end
end
