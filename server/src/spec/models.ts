/** AI models: the top-level `models` (run by Docker Model Runner) and a service's use of them. */
import { key, looseStringList, mapping, text } from './common';
import { NAME_PATTERN } from './service-network';
import type { KeySpec } from './types';

const modelsExample = `models:
  llm:
    model: ai/smollm2
    context_size: 4096`;

export const modelDefinition: KeySpec = mapping(
  'A language model Compose starts (with Docker Model Runner) for services to call.',
  modelsExample,
  {
    name: text('The name the model is known by at runtime, instead of the key.', `models:
  llm:
    name: assistant
    model: ai/smollm2`),
    model: text('The model to run, as an OCI reference such as `ai/smollm2` or `hf.co/ORG/MODEL`.', `models:
  llm:
    model: ai/llama3.2:1B-Q4_0`),
    context_size: key(['integer'], 'How many tokens of context the model works with.', `models:
  llm:
    model: ai/smollm2
    context_size: 8192`),
    runtime_flags: looseStringList('Flags passed as they are to the inference engine (e.g. llama.cpp).', `models:
  llm:
    model: ai/smollm2
    runtime_flags:
      - "--temp"
      - "0.2"`),
  },
  { required: ['model'] },
);

export const modelsMap: KeySpec = key(
  ['mapping'],
  'Language models the application uses: each key names a model that services can bind to with their own `models`.',
  modelsExample,
  { additional: modelDefinition, keyPattern: NAME_PATTERN },
);

const serviceModelsExample = `models:
  llm:
    endpoint_var: LLM_URL
    model_var: LLM_MODEL`;

export const serviceModels: KeySpec = key(
  ['list', 'mapping'],
  'Models from the top-level `models` that the service uses. Compose passes the model\'s address and name to the container in environment variables.',
  serviceModelsExample,
  {
    uniqueItems: true,
    keyPattern: NAME_PATTERN,
    items: text('A model from the top-level `models`; its variables get default names derived from the key.', `models:
  - llm`),
    additional: key(
      ['mapping', 'null'],
      'A model from the top-level `models`, and the environment variables that receive its address and name.',
      serviceModelsExample,
      {
        extensions: true,
        properties: {
          endpoint_var: text('The environment variable that receives the model\'s URL.', `models:
  llm:
    endpoint_var: LLM_URL`),
          model_var: text('The environment variable that receives the model\'s name.', `models:
  llm:
    model_var: LLM_MODEL`),
        },
      },
    ),
  },
);
