/**
 * Version 1 of the event payloads. Released versions are frozen: only optional fields are added;
 * a breaking change becomes a new package published beside this one.
 */
package io.layerline.contracts.v1;
