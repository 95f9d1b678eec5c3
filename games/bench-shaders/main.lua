-- Shader figures: newShader time, and CPU time of love.draw for N sprites (default 10k) with
-- no shader ("none"), a greyscale shader ("shader"), or a send before every draw ("send").
-- engine run games/bench-shaders send 10000    |    xvfb-run -a love games/bench-shaders send 10000
local g = love.graphics
local img, grey, mode, frame, acc = nil, nil, arg[2] or "none", 0, 0
local N = tonumber(arg[3] or "10000")
local SRC = [[
extern number amount;
vec4 effect(vec4 color, Image tex, vec2 uv, vec2 sc) {
    vec4 c = Texel(tex, uv) * color;
    float l = dot(c.rgb, vec3(0.299, 0.587, 0.114));
    return vec4(mix(c.rgb, vec3(l), amount), c.a);
}]]
function love.load()
    local t0 = love.timer.getTime()
    for i = 1, 20 do grey = g.newShader(SRC) end
    print(string.format("newShader: %.2f ms each", (love.timer.getTime() - t0) / 20 * 1000))
    local d = love.image.newImageData(8, 8)
    d:mapPixel(function() return 1, 0.5, 0.2, 1 end)
    img = g.newImage(d)
    grey:send("amount", 1)
end
function love.draw()
    local t0 = os.clock()
    if mode ~= "none" then g.setShader(grey) end
    for i = 1, N do
        if mode == "send" then grey:send("amount", (i % 2)) end
        g.draw(img, (i * 7) % 800, (i * 13) % 600)
    end
    g.setShader()
    frame = frame + 1
    if frame > 20 then acc = acc + (os.clock() - t0) end
    if frame == 120 then
        print(string.format("%s: %.2f ms per love.draw (%d sprites), drawcalls %d", mode, acc / 100 * 1000, N, g.getStats().drawcalls))
        love.event.quit()
    end
end
