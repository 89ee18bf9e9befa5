/** The top level of a Compose file. */
import { key, text } from './common';
import { configsMap, secretsMap } from './configs-secrets';
import { include } from './include';
import { modelsMap } from './models';
import { networksMap } from './networks';
import { serviceDefinition } from './service';
import { NAME_PATTERN } from './service-network';
import { volumesMap } from './volumes';
import type { KeySpec } from './types';

export const composeSpec: KeySpec = key(
  ['mapping'],
  'A Compose file: the services of an application and the networks, volumes, configs and secrets they share. `x-` keys hold anything, e.g. YAML anchors to reuse.',
  `name: myapp
services:
  web:
    image: nginx:alpine
    ports:
      - "8080:80"`,
  {
    extensions: true,
    // What nearly every file starts with, then what services share; `name` is short to type out anyway.
    commonKeys: ['services', 'networks', 'volumes', 'configs', 'secrets'],
    properties: {
      version: text('Once chose the file format version; Compose now ignores it and warns. Remove it.', `version: "3.8"`, {
        deprecated: 'Compose ignores `version` (the format is no longer versioned): remove the line.',
      }),
      name: text('The project name: the prefix of container, network and volume names (`myapp-web-1`, `myapp_default`). Otherwise `COMPOSE_PROJECT_NAME`, or the folder\'s name, is used.', `name: myapp`, {
        format: 'project-name',
        emptyFromVariablesRefused: 'Compose refuses the project ("project name must not be empty"), though it takes `name: ""` as none given',
      }),
      include,
      services: key(['mapping'], 'The containers that make up the application: each key is a service name, which is also its host name on the project\'s networks.', `services:
  web:
    image: nginx:alpine
  db:
    image: postgres:16`, { additional: serviceDefinition, keyPattern: NAME_PATTERN }),
      networks: networksMap,
      volumes: volumesMap,
      configs: configsMap,
      secrets: secretsMap,
      models: modelsMap,
    },
  },
);
