-- Frame benchmark: 2000 love.graphics.print calls a frame, of short static strings
-- ("static", default) or of changing numbers ("numbers"). Prints the mean CPU time spent
-- in love.draw after 200 frames; runs unchanged in LÖVE 11.4 for a side-by-side figure.
-- engine run --headless games/bench-text [static|numbers]
local mode = "static"
local frames, total = 0, 0
local words = { "score", "lives", "level", "time", "ammo", "hp", "mp", "gold" }

function love.load(args)
    mode = args[1] or mode
end

function love.draw()
    local t0 = love.timer.getTime()
    local print = love.graphics.print
    if mode == "numbers" then
        for i = 1, 2000 do
            print(frames * 2000 + i, (i % 40) * 20, math.floor(i / 40) * 12)
        end
    else
        for i = 1, 2000 do
            print(words[i % 8 + 1], (i % 40) * 20, math.floor(i / 40) * 12)
        end
    end
    total = total + (love.timer.getTime() - t0)
    frames = frames + 1
    if frames == 200 then
        _G.print(("bench-text %s: %.3f ms per frame in love.draw (2000 prints)"):format(mode, total / frames * 1000))
        love.event.quit()
    end
end
