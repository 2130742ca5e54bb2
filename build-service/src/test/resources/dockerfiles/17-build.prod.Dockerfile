# expect: LL008@0
# expect-final-base: nginx:1.27-alpine
# expect-stages: 1
FROM nginx:1.27-alpine
COPY nginx.prod.conf /etc/nginx/nginx.conf
USER nginx
CMD ["nginx", "-g", "daemon off;"]
