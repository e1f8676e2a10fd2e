import { applyDecorators } from '@nestjs/common';
import { ApiResponse } from '@nestjs/swagger';
import { HTTPError } from './http-error.dto';
import { HTTPValidationError } from './http-validation-error.dto';

const DESCRIPTIONS: Record<number, string> = {
  400: 'Bad Request',
  401: 'Missing or invalid API key',
  403: 'Forbidden',
  404: 'Not Found',
  409: 'Conflict',
  429: 'Too many failed authentication attempts from this address',
};

// Documents the error statuses an operation can return; every operation can also fail validation.
export const ApiErrors = (...statuses: number[]) =>
  applyDecorators(
    ...statuses.map((status) => ApiResponse({ status, description: DESCRIPTIONS[status], type: HTTPError })),
    ApiResponse({ status: 422, description: 'Validation Error', type: HTTPValidationError }),
  );
