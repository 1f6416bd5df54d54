import { ArrayMaxSize, ArrayMinSize, IsArray, IsString, Length, Matches, ValidateNested } from 'class-validator';
import { Type } from 'class-transformer';
import type { PersonaTemplatesRequest, PersonaTemplateView } from '@kejing/shared';

export class PersonaTemplateDto implements PersonaTemplateView {
  @IsString() @Matches(/^[a-z][a-z0-9_]{1,31}$/) code!: string;
  @IsString() @Length(1, 20) name!: string;
  @IsString() @Length(1, 300) introTemplate!: string;
}

export class PersonaTemplatesDto implements PersonaTemplatesRequest {
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(12) @ValidateNested({ each: true }) @Type(() => PersonaTemplateDto) templates!: PersonaTemplateDto[];
}
