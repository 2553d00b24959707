// Trained memories drawn as a grid of small greyscale images: memory mu's
// first N values (its pixels; the C label values after them are not drawn)
// as an image `width` pixels wide (28 × 28 for MNIST), value +1 dark and -1
// light, as drawPattern draws ±1 patterns. Only drawing: the values are the
// module's.

/**
 * The grey shades (0-255) of the first `count` memories' pixels, count × N
 * bytes: what the grid draws, small enough to keep one per epoch.
 * memories: the module's TrainedMemories.
 */
export function memoryShades({ pixels, classes, weights }, count) {
  const width = pixels + classes;
  const shades = new Uint8ClampedArray(count * pixels);
  for (let mu = 0; mu < count; mu++)
    for (let i = 0; i < pixels; i++) shades[mu * pixels + i] = 127.5 * (1 - weights[mu * width + i]);
  return shades;
}

/**
 * Draws count memories' shades (N = pixels each) on canvas, `columns` a
 * row, each image `width` pixels wide (the square's side for square images)
 * with a 1-pixel white gap; CSS scales the canvas up.
 */
export function drawMemoryGrid(canvas, shades, { count, pixels, width, columns }) {
  const height = Math.ceil(pixels / width);
  const rows = Math.max(1, Math.ceil(count / columns));
  canvas.width = columns * (width + 1) - 1;
  canvas.height = rows * (height + 1) - 1;
  const context = canvas.getContext('2d');
  const image = context.createImageData(canvas.width, canvas.height);
  image.data.fill(255); // white gaps
  for (let mu = 0; mu < count; mu++) {
    const left = (mu % columns) * (width + 1);
    const top = Math.floor(mu / columns) * (height + 1);
    for (let i = 0; i < pixels; i++) {
      const shade = shades[mu * pixels + i];
      const at = 4 * ((top + Math.floor(i / width)) * canvas.width + left + (i % width));
      image.data[at] = image.data[at + 1] = image.data[at + 2] = shade;
    }
  }
  context.putImageData(image, 0, 0);
}
