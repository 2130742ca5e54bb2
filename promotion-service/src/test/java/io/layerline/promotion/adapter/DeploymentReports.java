package io.layerline.promotion.adapter;

/** Deployment reports as a deployer posts them to {@code /api/v1/deployments}. */
final class DeploymentReports {

    private DeploymentReports() {
    }

    /** A deployment report in the service's own JSON. */
    static String deployment(String id, String service, String environment, String registry,
                                    String repository, String digest, String status) {
        return """
                {"deploymentId": "%s", "service": "%s", "environment": "%s",
                 "image": {"registry": "%s", "repository": "%s", "digest": "%s", "tag": "1.0"},
                 "status": "%s", "deployer": "argocd", "target": "eu-1",
                 "startedAt": "2026-11-25T10:00:00Z", "finishedAt": "2026-11-25T10:01:00Z"}"""
                .formatted(id, service, environment, registry, repository, digest, status);
    }
}
