-- The demo game: boxes bounce around the window. Click to add a box where you click,
-- space to add ten, backspace to clear, escape to quit. Resize the window freely.
local boxes = {}
local paused = false

local function add_box(x, y)
    local size = love.math and love.math.random(12, 40) or math.random(12, 40)
    boxes[#boxes + 1] = {
        x = x, y = y, w = size, h = size,
        vx = math.random(-200, 200), vy = math.random(-200, 200),
        r = math.random(), g = math.random(), b = math.random(),
    }
end

function love.load(args)
    math.randomseed(42)
    love.graphics.setBackgroundColor(0.08, 0.09, 0.12)
    local w, h = love.graphics.getDimensions()
    for _ = 1, tonumber(args[1]) or 30 do
        add_box(math.random(0, w - 40), math.random(0, h - 40))
    end
end

function love.update(dt)
    if paused then return end
    local w, h = love.graphics.getDimensions()
    for _, b in ipairs(boxes) do
        b.x = b.x + b.vx * dt
        b.y = b.y + b.vy * dt
        if b.x < 0 then b.x, b.vx = 0, -b.vx elseif b.x + b.w > w then b.x, b.vx = w - b.w, -b.vx end
        if b.y < 0 then b.y, b.vy = 0, -b.vy elseif b.y + b.h > h then b.y, b.vy = h - b.h, -b.vy end
    end
end

function love.draw()
    for _, b in ipairs(boxes) do
        love.graphics.setColor(b.r, b.g, b.b, 0.85)
        love.graphics.rectangle("fill", b.x, b.y, b.w, b.h, 4)
        love.graphics.setColor(1, 1, 1, 0.9)
        love.graphics.rectangle("line", b.x, b.y, b.w, b.h, 4)
    end
    love.graphics.setColor(0, 0, 0, 0.6)
    love.graphics.rectangle("fill", 0, 0, love.graphics.getWidth(), 26)
    love.graphics.setColor(1, 1, 1)
    local stats = love.graphics.getStats()
    love.graphics.print(string.format("%d boxes   %d FPS   %d draw calls   click: add   space: +10   p: pause   esc: quit",
        #boxes, love.timer.getFPS(), stats.drawcalls), 8, 6)
end

function love.mousepressed(x, y, button)
    if button == 1 then add_box(x, y) end
end

function love.keypressed(key)
    if key == "escape" then
        love.event.quit()
    elseif key == "space" then
        local w, h = love.graphics.getDimensions()
        for _ = 1, 10 do add_box(math.random(0, w - 40), math.random(0, h - 40)) end
    elseif key == "backspace" then
        boxes = {}
    elseif key == "p" then
        paused = not paused
    end
end

function love.resize(w, h)
    print(("window resized to %dx%d"):format(w, h))
end
