#!/usr/bin/env python3
"""Adds C# projects to Shop.Aspire.sln (and Shop.Local.slnf) without evaluating them.

`dotnet sln add` evaluates every project of the solution, and the Aspire AppHost cannot be evaluated
where its SDK does not restore; so new projects are added here, with deterministic GUIDs.
Usage: eng/add-to-solution.py Services/Shop.Contracts/Shop.Contracts.csproj [...]
"""
import json, os, re, sys, uuid

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SLN = os.path.join(ROOT, "Shop.Aspire.sln")
SLNF = os.path.join(ROOT, "Shop.Local.slnf")
CSHARP = "{FAE04EC0-301F-11D3-BF4B-00C04F79EFBC}"
NAMESPACE = uuid.UUID("6ba7b811-9dad-11d1-80b4-00c04fd430c8")

def guid(path):
    return "{" + str(uuid.uuid5(NAMESPACE, "Shop.Aspire/" + path)).upper() + "}"

text = open(SLN, encoding="utf-8", newline="").read().replace("\r\n", "\n")
folders = dict((name, g) for name, g in re.findall(r'Project\("\{2150E333[^"]*"\) = "([^"]+)", "[^"]+", "(\{[^}]+\})"', text))
filter_ = json.load(open(SLNF, encoding="utf-8"))
for arg in sys.argv[1:]:
    rel = arg.replace("/", "\\")
    if rel in text:
        continue
    name = os.path.splitext(os.path.basename(arg))[0]
    g = guid(arg)
    folder = folders[arg.split("/")[0]]
    project = f'Project("{CSHARP}") = "{name}", "{rel}", "{g}"\nEndProject\n'
    text = text.replace("Global\n", project + "Global\n", 1)
    configs = "".join(f"\t\t{g}.{c}|Any CPU.{k} = {c}|Any CPU\n" for c in ("Debug", "Release") for k in ("ActiveCfg", "Build.0"))
    text = text.replace("\tEndGlobalSection\n\tGlobalSection(SolutionProperties)", configs + "\tEndGlobalSection\n\tGlobalSection(SolutionProperties)", 1)
    text = text.replace("\tEndGlobalSection\nEndGlobal", f"\t\t{g} = {folder}\n\tEndGlobalSection\nEndGlobal", 1)
    if "AppHost" not in name:
        filter_["solution"]["projects"].append(rel)
open(SLN, "w", encoding="utf-8", newline="").write(text.replace("\n", "\r\n"))
with open(SLNF, "w", encoding="utf-8") as f:
    json.dump(filter_, f, indent=2)
    f.write("\n")
