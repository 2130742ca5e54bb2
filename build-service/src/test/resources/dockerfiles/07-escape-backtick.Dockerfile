# escape=`
# A Windows image: backtick continues lines; backslashes are plain path separators.
# expect: LL009@6
# expect-final-base: mcr.microsoft.com/windows/servercore:ltsc2022
# expect-stages: 1
FROM mcr.microsoft.com/windows/servercore:ltsc2022
COPY app\ C:\app\
RUN powershell -Command `
    New-Item -ItemType Directory -Path C:\data
CMD ["C:\\app\\app.exe"]
