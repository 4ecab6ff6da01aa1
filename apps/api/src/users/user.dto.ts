import { ApiProperty, ApiPropertyOptional, OmitType } from '@nestjs/swagger';
import { IsEmail, IsIn, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import { ROLES, Role, USER_LANGUAGES, UserLanguage, UserView } from '@fairops/core';
import { PageQuery } from '../http/page-query.dto';
import { IsUuid } from '../http/uuid-param';

export class CreateUserDto {
  @ApiProperty({ example: 'desk3@siccam.demo' })
  @IsEmail({}, { message: 'must be an email address' }) @MaxLength(254)
  email: string;

  @ApiProperty({ minLength: 10, description: 'At least 10 characters' })
  @IsString() @MinLength(10, { message: 'must be at least 10 characters' }) @MaxLength(200)
  password: string;

  @ApiProperty({ example: 'Desk 3 (Hall A entrance)' })
  @IsString() @MinLength(1) @MaxLength(200)
  displayName: string;

  @ApiProperty({ enum: ROLES })
  @IsIn(ROLES, { message: `must be one of ${ROLES.join(', ')}` })
  role: Role;

  @ApiPropertyOptional({ format: 'uuid', description: 'Required for, and only for, the exhibitor role' })
  @IsOptional() @IsUuid()
  exhibitorId?: string;

  @ApiPropertyOptional({ description: 'The organisation the user works for (used to flag jury conflicts)' })
  @IsOptional() @IsString() @MaxLength(200)
  organisation?: string;
}

/**
 * A user invited by mail: CreateUserDto's fields but the password (the user chooses it from the
 * invitation), with the language of their messages. Only the examples and the email's description are
 * the invitation's own; the rules are CreateUserDto's.
 */
export class InviteUserDto extends OmitType(CreateUserDto, ['password'] as const) {
  @ApiProperty({ example: 'jury4@siccam.demo', description: 'Where the invitation goes; the user logs in with it' })
  override email: string;

  @ApiProperty({ example: 'Nadia Berrada' })
  override displayName: string;

  @ApiPropertyOptional({ enum: USER_LANGUAGES, description: 'The language of the user’s messages, the invitation included; default: the current edition’s' })
  @IsOptional() @IsIn(USER_LANGUAGES, { message: `must be one of ${USER_LANGUAGES.join(', ')}` })
  language?: UserLanguage;
}

export class UserDto implements UserView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() email: string;
  @ApiProperty() displayName: string;
  @ApiProperty({ enum: ROLES }) role: Role;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) exhibitorId: string | null;
  @ApiProperty({ nullable: true, type: String }) organisation: string | null;
  @ApiProperty({ enum: USER_LANGUAGES, nullable: true, description: 'The language of the user’s messages; null: the edition’s default' }) language: UserLanguage | null;
  @ApiProperty() disabled: boolean;
  @ApiProperty() createdAt: Date;
}

export class ListUsersQuery extends PageQuery {
  @ApiPropertyOptional({ enum: ROLES })
  @IsOptional() @IsIn(ROLES, { message: `must be one of ${ROLES.join(', ')}` })
  role?: Role;
}

export class DisableUserDto {
  @ApiPropertyOptional({ description: 'Why (kept in the audit log)', maxLength: 500 })
  @IsOptional() @IsString({ message: 'must be text' }) @MaxLength(500)
  reason?: string;
}

export class ResetPasswordDto {
  @ApiProperty({ minLength: 10, description: 'The new password, at least 10 characters; hand it to the user by another channel' })
  @IsString() @MinLength(10, { message: 'must be at least 10 characters' }) @MaxLength(200)
  newPassword: string;

  @ApiPropertyOptional({ description: 'Why (kept in the audit log)', maxLength: 500 })
  @IsOptional() @IsString({ message: 'must be text' }) @MaxLength(500)
  reason?: string;
}
