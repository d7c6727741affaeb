import { describe, expect, it } from "vitest";
import { mockIPC } from "@tauri-apps/api/mocks";
import * as ipc from "./ipc";
import { backend, callsOf } from "./test/fixtures";

describe("ipc", () => {
  it("passes a backend CommandError through unchanged", async () => {
    mockIPC(() => {
      throw { kind: "disk_full", message: "The disk is full." };
    });
    await expect(ipc.home()).rejects.toEqual({ kind: "disk_full", message: "The disk is full." });
  });

  it("normalises a plain string rejection into kind ipc", async () => {
    mockIPC(() => Promise.reject("Command home not allowed by ACL"));
    await expect(ipc.home()).rejects.toEqual({ kind: "ipc", message: "Command home not allowed by ACL" });
  });

  it("normalises an Error or odd object into kind ipc with its text", async () => {
    mockIPC(() => {
      throw new Error("boom");
    });
    await expect(ipc.listBanks()).rejects.toEqual({ kind: "ipc", message: "Error: boom" });
    expect(ipc.normaliseError({ kind: 3 })).toEqual({ kind: "ipc", message: "[object Object]" });
    expect(ipc.normaliseError(undefined)).toEqual({ kind: "ipc", message: "undefined" });
  });

  it("sends camelCase argument keys as Tauri expects", async () => {
    const calls = backend({ remove_bank: null, study_start: null, set_note: null, study_answer: {} });
    await ipc.removeBank("rhit", false);
    await ipc.studyStart("rhit", "practice");
    await ipc.setNote(5, null);
    await ipc.studyAnswer([0, 2]);
    expect(callsOf(calls, "remove_bank")[0]).toEqual({ bank: "rhit", keepHistory: false });
    expect(callsOf(calls, "study_start")[0]).toEqual({ bank: "rhit", mode: "practice" });
    expect(callsOf(calls, "set_note")[0]).toEqual({ row: 5, note: null });
    expect(callsOf(calls, "study_answer")[0]).toEqual({ positions: [0, 2] });
  });

  it("asks the dialog plugin for one folder and returns it", async () => {
    const calls = backend({ "plugin:dialog|open": "/home/me/bank" });
    await expect(ipc.pickBankFolder()).resolves.toBe("/home/me/bank");
    expect(callsOf(calls, "plugin:dialog|open")[0]).toMatchObject({
      options: { directory: true, multiple: false, title: "Choose a bank folder" },
    });
  });

  it("returns null when the folder dialog is cancelled", async () => {
    backend({ "plugin:dialog|open": null });
    await expect(ipc.pickBankFolder()).resolves.toBeNull();
  });
});
