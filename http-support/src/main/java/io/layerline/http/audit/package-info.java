/** The API audit trail: who changed what, through which call, with which outcome. */
package io.layerline.http.audit;
