// base64-js's two functions, from the browser's own atob and btoa (binary widget state).
export function toByteArray(text) {
  return Uint8Array.from(atob(text), (c) => c.charCodeAt(0));
}

export function fromByteArray(bytes) {
  let text = "";
  for (let k = 0; k < bytes.length; k += 0x8000) {
    text += String.fromCharCode.apply(null, bytes.subarray(k, k + 0x8000));
  }
  return btoa(text);
}
