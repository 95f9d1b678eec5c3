-- A game that replaces love.run with its own fixed-timestep loop, as many LÖVE games do.
local step = 1 / 60
local x = 0

function love.run()
    if love.load then love.load() end
    love.timer.step()
    local acc = 0
    return function()
        love.event.pump()
        for name, a in love.event.poll() do
            if name == "quit" then return a or 0 end
            love.handlers[name](a)
        end
        acc = acc + love.timer.step()
        while acc >= step do
            x = (x + 120 * step) % love.graphics.getWidth()
            acc = acc - step
        end
        love.graphics.origin()
        love.graphics.clear(0.1, 0.1, 0.1)
        love.graphics.print("custom love.run, fixed 60 Hz update", 10, 10)
        love.graphics.rectangle("fill", x, 100, 30, 30)
        love.graphics.present()
        love.timer.sleep(0.001)
    end
end
