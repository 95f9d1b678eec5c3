-- love.physics example: balls and boxes fall into a bin and bounce (restitution), a box
-- swings on a revolute joint, and beginContact counts hits. Drawn with rectangles only.
-- engine run examples/physics        (click to drop a ball; headless: --headless --frames 300)
local P = love.physics
local world, things, hits = nil, {}, 0

local function add(x, y, kind)
    local b = P.newBody(world, x, y, "dynamic")
    local shape = kind == "ball" and P.newCircleShape(8) or P.newRectangleShape(16, 16)
    local f = P.newFixture(b, shape, 1)
    f:setRestitution(kind == "ball" and 0.6 or 0.1)
    things[#things + 1] = { body = b, kind = kind }
end

local function static_box(x, y, w, h)
    local b = P.newBody(world, x, y, "static")
    P.newFixture(b, P.newRectangleShape(w, h))
    things[#things + 1] = { body = b, kind = "wall", w = w, h = h }
    return b
end

function love.load()
    P.setMeter(32)
    world = P.newWorld(0, 9.81 * 32, true)
    world:setCallbacks(function() hits = hits + 1 end)
    static_box(400, 580, 760, 20)
    static_box(30, 400, 20, 340)
    static_box(770, 400, 20, 340)
    local pivot = static_box(400, 120, 10, 10)
    local arm = P.newBody(world, 520, 120, "dynamic")
    P.newFixture(arm, P.newRectangleShape(200, 12), 1)
    P.newRevoluteJoint(pivot, arm, 400, 120, false)
    things[#things + 1] = { body = arm, kind = "wall", w = 200, h = 12 }
    math.randomseed(3)
    for i = 1, 60 do
        add(80 + (i * 53) % 640, 200 - (i % 12) * 25, i % 3 == 0 and "box" or "ball")
    end
end

function love.mousepressed(x, y) add(x, y, "ball") end

function love.update(dt)
    world:update(math.min(dt, 1 / 30))
end

function love.draw()
    for _, t in ipairs(things) do
        local x, y = t.body:getPosition()
        love.graphics.push()
        love.graphics.translate(x, y)
        love.graphics.rotate(t.body:getAngle())
        if t.kind == "wall" then
            love.graphics.setColor(0.5, 0.5, 0.55)
            love.graphics.rectangle("fill", -t.w / 2, -t.h / 2, t.w, t.h)
        elseif t.kind == "ball" then
            love.graphics.setColor(0.95, 0.6, 0.2)
            love.graphics.rectangle("fill", -8, -8, 16, 16, 8, 8)
        else
            love.graphics.setColor(0.3, 0.7, 0.9)
            love.graphics.rectangle("fill", -8, -8, 16, 16)
        end
        love.graphics.pop()
    end
    love.graphics.setColor(1, 1, 1)
    love.graphics.print(string.format("bodies: %d   contacts: %d   hits: %d",
        world:getBodyCount(), world:getContactCount(), hits), 10, 10)
end
