# expect: LL002@7
# expect-final-base: python:3.12-slim
# expect-stages: 1
FROM python:3.12-slim
WORKDIR /app
COPY requirements.txt .
RUN pip install -r requirements.txt
COPY . .
USER 1000
CMD ["python", "-m", "app"]
