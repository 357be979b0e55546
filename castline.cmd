@echo off
rem Runs Castline from the built artefacts (build first: mvn -DskipTests package).
setlocal
set HERE=%~dp0
if not exist "%HERE%encoder\target\castline-encoder.jar" (
  echo castline: not built yet; run: mvn -q -DskipTests package 1>&2
  exit /b 2
)
rem a heap sized for the engine (a few tens of MB live), not from the machine's RAM, and the serial
rem collector (G1's own structures took 40 MB); see ./castline. The class-data archive ./castline
rem writes for the studio is not made here: the installers are to ship one.
set HEAP=-Xms64m -Xmx512m -XX:+UseSerialGC
set APP_CP=%HERE%app\target\castline-app.jar;%HERE%app\target\lib\*
if "%~1"=="studio" (
  set MAIN=io.castline.app.StudioLauncher
  goto app
)
if "%~1"=="studio-bench" (
  set MAIN=io.castline.app.bench.StudioBench
  goto app
)
java %HEAP% %CASTLINE_JAVA_OPTS% -cp "%HERE%encoder\target\castline-encoder.jar;%HERE%encoder\target\lib\*" io.castline.cli.Main %*
exit /b %ERRORLEVEL%

:app
rem %* keeps the first word even after shift: collect the rest by hand
shift
set REST=
:collect
if "%~1"=="" goto run
set REST=%REST% %1
shift
goto collect
:run
rem the studio: the client compiler alone (sooner to start, less memory on air) and an 8 MB young
rem generation (13 MB less resident; see ./castline)
java %HEAP% -XX:TieredStopAtLevel=1 -Xmn8m %CASTLINE_JAVA_OPTS% -cp "%APP_CP%" %MAIN% %REST%
exit /b %ERRORLEVEL%
