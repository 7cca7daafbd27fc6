// Placeholder: the demo platform issue writes the platform's definitions file from the handbook.
export const DEMO_DEFINITIONS_YAML = 'apiVersion: headroom/v1\n';
