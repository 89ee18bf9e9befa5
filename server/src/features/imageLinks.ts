// Where an image's public page is: Docker Hub (official `/_/` and namespaced
// `/r/` pages), GitHub's, Quay's, Microsoft's, Google's and Amazon's public
// registries. Any other registry may be private: no link rather than a page
// that does not exist.
import { DOCKER_HUB, type ImageReference } from '../spec/imageReference';

export interface RegistryPage {
  readonly url: string;
  /** The registry's name, for the tooltip. */
  readonly registry: string;
}

export function registryPage(ref: ImageReference): RegistryPage | undefined {
  const parts = ref.path.split('/');
  switch (ref.registry) {
    case DOCKER_HUB:
      if (parts[0] === 'library' && parts.length === 2) return { url: `https://hub.docker.com/_/${parts[1]}`, registry: 'Docker Hub' };
      return parts.length === 2 ? { url: `https://hub.docker.com/r/${ref.path}`, registry: 'Docker Hub' } : undefined;
    case 'ghcr.io':
      // ghcr.io sends a browser on to the package's page on GitHub.
      return parts.length >= 2 ? { url: `https://ghcr.io/${ref.path}`, registry: 'GitHub Packages' } : undefined;
    case 'quay.io':
      return parts.length === 2 ? { url: `https://quay.io/repository/${ref.path}`, registry: 'Quay' } : undefined;
    case 'mcr.microsoft.com':
      return { url: `https://mcr.microsoft.com/en-us/artifact/mar/${ref.path}`, registry: 'the Microsoft Artifact Registry' };
    case 'gcr.io':
      return parts.length >= 2 ? { url: `https://console.cloud.google.com/gcr/images/${parts[0]}/global/${parts.slice(1).join('/')}`, registry: 'Google Container Registry' } : undefined;
    case 'public.ecr.aws':
      return parts.length === 2 ? { url: `https://gallery.ecr.aws/${ref.path}`, registry: 'the Amazon ECR Public Gallery' } : undefined;
    default:
      return undefined;
  }
}
