; Inno Setup 6 script: a per-user installer for the PyInstaller one-folder build (no administrator rights).
;
;   1. On Windows: make package        (or: pyinstaller --noconfirm --clean packaging\paincompanion.spec)
;   2. "C:\Program Files (x86)\Inno Setup 6\ISCC.exe" packaging\windows\paincompanion.iss
;   -> dist\PainCompanion-<version>-setup.exe
;
; Name and version are read from the version resource of dist\paincompanion\paincompanion.exe, which the
; spec fills from src/paincompanion/__init__.py (the one place they are written).
; The uninstaller removes the program only: the diary in %LOCALAPPDATA%\PainCompanion is never deleted.

#define BuildDir      AddBackslash(SourcePath) + "..\..\dist\paincompanion"
#define MainExe       "paincompanion.exe"
#define AppName       GetStringFileInfo(BuildDir + "\" + MainExe, "ProductName")
#define AppVersion    GetStringFileInfo(BuildDir + "\" + MainExe, "ProductVersion")
#define AppPublisher  GetStringFileInfo(BuildDir + "\" + MainExe, "CompanyName")
#define AppIcon       AddBackslash(SourcePath) + "..\..\resources\icons\io.github.paincompanion.PainCompanion.ico"

[Setup]
; A fixed GUID (uuid5 of the app id io.github.paincompanion.PainCompanion): never change it, upgrades rely on it.
AppId={{CB0ABE3D-C40C-592C-A7CC-960B5649E590}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher={#AppPublisher}
AppPublisherURL=https://github.com/paincompanion/paincompanion
VersionInfoVersion={#AppVersion}
; Per-user: installs into %LOCALAPPDATA%\Programs\Pain Companion, no UAC prompt.
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
DefaultDirName={autopf}\{#AppName}
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
UsePreviousAppDir=yes
OutputDir={#BuildDir}\..
OutputBaseFilename=PainCompanion-{#AppVersion}-setup
SetupIconFile={#AppIcon}
UninstallDisplayIcon={app}\{#MainExe}
UninstallDisplayName={#AppName}
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
MinVersion=10.0
CloseApplications=yes

[Languages]
Name: "english"; MessagesFile: "compiler:Default.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[Files]
Source: "{#BuildDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\{#MainExe}"; Comment: "Your pain diary"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#MainExe}"; Tasks: desktopicon

[Run]
Filename: "{app}\{#MainExe}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent

[Registry]
; "Start with my computer" (services/autostart.py) writes a value named after the app under the per-user Run key;
; the uninstaller removes it so Windows does not try to start a program that is gone. Nothing is created here.
Root: HKCU; Subkey: "Software\Microsoft\Windows\CurrentVersion\Run"; ValueType: none; ValueName: "{#AppName}"; Flags: uninsdeletevalue dontcreatekey

[UninstallDelete]
; Only what the program itself put next to itself; the diary (user data folder) is left alone on purpose.
Type: filesandordirs; Name: "{app}\_internal"
