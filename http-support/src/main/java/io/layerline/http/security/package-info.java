/**
 * Who may call the APIs: static robot tokens next to Micronaut Security's JWT validation, and the three roles
 * {@code viewer < operator < admin}.
 */
package io.layerline.http.security;
