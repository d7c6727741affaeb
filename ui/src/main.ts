import { mount } from "svelte";
import "./app.css";
import App from "./App.svelte";
import { swallowLinkClick } from "./lib/links";
import { applyTheme } from "./lib/theme";

// Follow the system until the saved theme is read.
applyTheme("system");

// A safety net under the per-component one: no link anywhere navigates
// the app window away.
document.addEventListener("click", swallowLinkClick, true);
document.addEventListener("auxclick", swallowLinkClick, true);

const target = document.getElementById("app");
if (!target) throw new Error("index.html has no #app element");

export default mount(App, { target });
