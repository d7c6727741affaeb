import { vitePreprocess } from "@sveltejs/vite-plugin-svelte";

export default {
  preprocess: vitePreprocess(),
  compilerOptions: {
    // Component styles go to the CSS file Vite writes, never into <style>
    // tags at run time: the CSP has no 'unsafe-inline' for styles.
    css: "external",
  },
};
