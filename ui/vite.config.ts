/// <reference types="vitest/config" />
import { defineConfig } from "vite";
import { svelte } from "@sveltejs/vite-plugin-svelte";
import { svelteTesting } from "@testing-library/svelte/vite";

// The window is WebKitGTK on Linux, WebKit on macOS and WebView2 on Windows;
// all are recent enough for ES2022. Tauri serves ui/dist itself in release,
// and loads the dev server (devUrl in tauri.conf.json) in debug builds.
export default defineConfig({
  plugins: [svelte(), svelteTesting()],
  clearScreen: false,
  server: { port: 5173, strictPort: true },
  build: {
    target: ["es2022", "safari16", "chrome105"],
    outDir: "dist",
    emptyOutDir: true,
    // No inline data: URLs for scripts or fonts: the CSP allows only 'self'.
    assetsInlineLimit: 0,
    sourcemap: false,
  },
  test: {
    environment: "jsdom",
    setupFiles: ["./src/test/setup.ts"],
    include: ["src/**/*.test.ts"],
  },
});
