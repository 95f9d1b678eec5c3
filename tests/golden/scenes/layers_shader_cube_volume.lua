-- Shaders sampling a cube map (CubeImage, faces +x -x +y -y +z -z in six colours,
-- looked up by a direction from the texture coordinate) and a volume texture
-- (VolumeImage, 4 slices picked by x), both nearest-filtered.
local g = love.graphics
local img, cubeShader, volShader
local function solid(r, gr, b)
    local d = love.image.newImageData(2, 2)
    d:mapPixel(function() return r, gr, b, 1 end)
    return d
end
function love.load()
    img = g.newImage(solid(1, 1, 1))
    local cube = g.newCubeImage({ solid(1, 0, 0), solid(0, 1, 0), solid(0, 0, 1),
        solid(1, 1, 0), solid(1, 0, 1), solid(0, 1, 1) })
    cube:setFilter("nearest", "nearest")
    local vol = g.newVolumeImage({ solid(1, 0, 0), solid(0, 1, 0), solid(0, 0, 1), solid(1, 1, 1) })
    vol:setFilter("nearest", "nearest")
    cubeShader = g.newShader([[
uniform CubeImage sky;
vec4 effect(vec4 color, Image tex, vec2 uv, vec2 px) {
    vec2 p = uv * 2.0 - 1.0;
    vec3 dir;
    if (p.y < -0.33) dir = vec3(p.x, 1.0, 0.2);
    else if (p.y > 0.33) dir = vec3(p.x, -1.0, 0.2);
    else if (p.x < -0.33) dir = vec3(-1.0, p.y, 0.2);
    else if (p.x > 0.33) dir = vec3(1.0, p.y, 0.2);
    else dir = vec3(p.x * 0.5, p.y * 0.5, uv.x < 0.5 ? 1.0 : -1.0);
    return Texel(sky, dir) * color;
}
]])
    cubeShader:send("sky", cube)
    volShader = g.newShader([[
uniform VolumeImage vol;
vec4 effect(vec4 color, Image tex, vec2 uv, vec2 px) {
    return Texel(vol, vec3(0.5, 0.5, (floor(uv.x * 4.0) + 0.5) / 4.0)) * color;
}
]])
    volShader:send("vol", vol)
end
function love.draw()
    g.clear(0.1, 0.1, 0.1, 1)
    g.setShader(cubeShader)
    g.draw(img, 5, 5, 0, 35, 35)
    g.setShader(volShader)
    g.draw(img, 85, 10, 0, 35, 15)
    g.draw(img, 85, 40, 0.2, 30, 10)
    g.setShader()
end
