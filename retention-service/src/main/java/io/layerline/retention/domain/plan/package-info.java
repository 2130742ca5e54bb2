/** Retention plans: protections first, then each policy's rules, the rest deleted; a plan is a dry run. */
package io.layerline.retention.domain.plan;
