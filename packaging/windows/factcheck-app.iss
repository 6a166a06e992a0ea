; Factcheck App installer for Windows (Inno Setup 6).
;
; On a Windows build machine, from the checkout:
;   py -3.11 -m venv .venv && .venv\Scripts\python -m pip install --require-hashes -r requirements\lock.txt
;   .venv\Scripts\python -m pip install --no-deps --no-build-isolation -e .
;   .venv\Scripts\pyinstaller --noconfirm --distpath dist --workpath build\pyinstaller packaging\factcheck_app.spec
;   "%ProgramFiles(x86)%\Inno Setup 6\ISCC.exe" /DAppVersion=0.1.0 packaging\windows\factcheck-app.iss
; -> dist\factcheck-app-0.1.0-windows-x64-setup.exe
;
; It installs the PyInstaller folder (dist\factcheck-app\: factcheck-app.exe, factcheck.exe,
; _internal\), a Start menu shortcut, optionally a desktop icon, and the .factcheck file type
; (ProgID FactcheckApp.Project) so projects open on double-click. Per-user by default (no
; administrator rights needed); an administrator may choose "all users". The uninstaller removes
; the program and the file association, never the analyst's projects.
; Paths are relative to this file (Inno Setup's default SourceDir).

#ifndef AppVersion
  #define AppVersion "0.1.0"
#endif
#define AppName "Factcheck App"
#define AppExe "factcheck-app.exe"
#define ProgId "FactcheckApp.Project"
#define Bundle "..\..\dist\factcheck-app"

[Setup]
; NOTE: AppId identifies the app across versions (upgrades, uninstall): never change it.
AppId={{69C996DA-4FC1-4DCB-82EA-6E243D5816B1}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=Factcheck App team
AppCopyright=Factcheck App team. Licensed under GPL-3.0-or-later.
VersionInfoVersion={#AppVersion}
VersionInfoProductName={#AppName}
DefaultDirName={autopf}\{#AppName}
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
MinVersion=10.0
OutputDir=..\..\dist
OutputBaseFilename=factcheck-app-{#AppVersion}-windows-x64-setup
SetupIconFile=..\..\resources\icons\factcheck-app.ico
UninstallDisplayIcon={app}\{#AppExe}
UninstallDisplayName={#AppName}
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
ChangesAssociations=yes
CloseApplications=yes

[Languages]
Name: "english"; MessagesFile: "compiler:Default.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked
Name: "association"; Description: "Open Factcheck projects (.factcheck) with {#AppName}"; GroupDescription: "File types:"

[InstallDelete]
; An update replaces the whole library folder, so no file of an older version lingers.
Type: filesandordirs; Name: "{app}\_internal"

[Files]
Source: "{#Bundle}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\{#AppExe}"; Comment: "Annotate and fact-check articles"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; Tasks: desktopicon

[Registry]
; HKA = HKCU for a per-user install, HKLM for an all-users install.
Root: HKA; Subkey: "Software\Classes\.factcheck"; ValueType: string; ValueName: ""; ValueData: "{#ProgId}"; Flags: uninsdeletevalue; Tasks: association
Root: HKA; Subkey: "Software\Classes\.factcheck"; ValueType: string; ValueName: "Content Type"; ValueData: "application/x-factcheck-project"; Flags: uninsdeletevalue; Tasks: association
Root: HKA; Subkey: "Software\Classes\.factcheck\OpenWithProgids"; ValueType: string; ValueName: "{#ProgId}"; ValueData: ""; Flags: uninsdeletevalue
Root: HKA; Subkey: "Software\Classes\{#ProgId}"; ValueType: string; ValueName: ""; ValueData: "Factcheck project"; Flags: uninsdeletekey
Root: HKA; Subkey: "Software\Classes\{#ProgId}\DefaultIcon"; ValueType: string; ValueName: ""; ValueData: """{app}\{#AppExe}"",0"
Root: HKA; Subkey: "Software\Classes\{#ProgId}\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\{#AppExe}"" ""%1"""
Root: HKA; Subkey: "Software\Classes\Applications\{#AppExe}"; ValueType: string; ValueName: "FriendlyAppName"; ValueData: "{#AppName}"; Flags: uninsdeletekey
Root: HKA; Subkey: "Software\Classes\Applications\{#AppExe}\SupportedTypes"; ValueType: string; ValueName: ".factcheck"; ValueData: ""

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent
